/** Turns an `as const` English message tree into the shape every translation must have. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export declare const BUILD_DIR: string;
export declare const SERVER_BUILD_PATH: string;
export declare const ASSETS_BUILD_DIR: string;

// Where `remix build` writes, read by remix.config.js, the server, `npm start`
// and the tests. REMIX_BUILD_DIR (a folder inside the project, so the build
// still resolves node_modules) lets several builds coexist, e.g. one per
// developer task; without it the usual build/ and public/build/ are used.
const custom = process.env.REMIX_BUILD_DIR?.trim();

export const BUILD_DIR = custom || 'build';
export const SERVER_BUILD_PATH = `${BUILD_DIR}/index.js`;
export const ASSETS_BUILD_DIR = custom ? `${custom}/assets` : 'public/build';

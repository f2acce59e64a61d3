import { ASSETS_BUILD_DIR, SERVER_BUILD_PATH } from './scripts/build-paths.js';

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  serverBuildPath: SERVER_BUILD_PATH,
  assetsBuildDirectory: ASSETS_BUILD_DIR,
  tailwind: true,
  postcss: false,
  // Server-only packages stay external (resolved from node_modules at run time).
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};

# The portal as a container image: docs/deploy.md.
#
# Build stage: the same steps as CI (.ci/run) and the README, `npm ci` then
# `npm run build`. better-sqlite3 compiles its native binding from source, so
# the build stage has a C++ tool chain; npm 11 runs that compile only because
# package.json lists better-sqlite3 (and esbuild) under "allowScripts".
# Node 20 (package.json: >=20.19) on Debian bookworm, whose PostgreSQL client is 15.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# The npm of CI, so that the lock file and "allowScripts" are read the same way.
ARG NPM_VERSION=11.19.1
RUN npm install -g "npm@${NPM_VERSION}" --no-audit --no-fund
# As in CI, where no prebuilt binary can be downloaded: better-sqlite3's prebuild-install
# step is skipped and node-gyp compiles the binding from the package's own sources.
ENV npm_config_build_from_source=true
WORKDIR /app
# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The server runs TypeScript through tsx (a dependency): the dev tools are not needed at run time.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# Run stage: no compiler, no dev dependencies, not root.
FROM ${NODE_IMAGE} AS run
# pg_dump / pg_restore for `npm run backup` and `npm run restore` against PostgreSQL 15
# (Debian bookworm's client; a pg_dump must not be older than the server it dumps).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=build --chown=root:root /app /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    SEED_DEMO=false \
    LOG_FORMAT=json
USER node
VOLUME /data
EXPOSE 3000
# /healthz answers 200 {"status":"ok"} after a database round trip, 503 otherwise (and while starting).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The server itself as PID 1 (not `npm start`, which would rebuild when it thinks the sources are newer,
# and not npm, which does not pass SIGTERM on): SIGTERM finishes requests in flight and closes the database.
CMD ["node", "--import", "tsx", "server.ts"]

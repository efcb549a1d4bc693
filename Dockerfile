# GasDesk: one image for every process. The command picks the entry point:
#   api      node --import tsx backend/src/web.ts      (default)
#   worker   node --import tsx backend/src/worker.ts
#   migrate  node --import tsx backend/src/migrate.ts
#   cti      node --import tsx cti/src/main.ts
# TypeScript runs through tsx; there is no compile step. The desk is built here and
# served by the api from desk/dist.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
# build: dependencies (native modules compiled here) and the desk bundle
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build

# python3/make/g++ for node-gyp; libsqlite3-dev because .npmrc builds sqlite3
# against the system SQLite instead of downloading a prebuilt binary.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ libsqlite3-dev ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# The lock file is written by npm 11. npm 10 (bundled with Node 20) resolves the
# optional per-platform packages differently, so install the same npm first.
ARG NPM_VERSION=11.19.1
# Where the public registry is slow (mainland China), build with e.g.
#   --build-arg NPM_REGISTRY=https://registry.npmmirror.com
ARG NPM_REGISTRY=https://registry.npmjs.org/
# nodedir: node-gyp uses the headers shipped in the Node image instead of
# downloading them. The sqlite/build_from_source pair repeats the repo's .npmrc,
# whose custom keys npm has announced it will stop reading from project config.
ENV npm_config_registry=${NPM_REGISTRY} \
    npm_config_nodedir=/usr/local \
    npm_config_sqlite=/usr \
    npm_config_build_from_source=sqlite3 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
RUN npm install -g npm@${NPM_VERSION}

WORKDIR /app

# Manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json .npmrc ./
COPY schema/package.json schema/
COPY backend/package.json backend/
COPY cti/package.json cti/
COPY desk/package.json desk/

# Every dependency, dev included: tsx (a devDependency) runs the TypeScript at run
# time. NODE_ENV must not be "production" here or npm would drop dev dependencies.
# (The cache mount needs BuildKit, the default builder of Docker 23+ and Compose v2.)
RUN --mount=type=cache,target=/root/.npm npm ci

COPY . .
RUN npm run build:desk

# ---------------------------------------------------------------------------
# runtime: no compilers; the same tree, read-only for the app user
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# tini: PID 1 that forwards SIGTERM, so `docker stop` lets Node close sockets and
#       finish jobs instead of being killed after the grace period.
# libsqlite3-0: the sqlite3 addon was linked against it; without it loading the
#       addon fails (it is the driver of the embedded mode).
# CJK fonts: PDFKit needs them for Chinese bills and receipts; build with
#       --build-arg CJK_FONTS= to leave them out (~90 MB).
ARG CJK_FONTS=fonts-noto-cjk
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini libsqlite3-0 ca-certificates ${CJK_FONTS} \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PORT=3000

WORKDIR /app
# Copied as root and not chowned: the app user can read the code but not change it.
COPY --from=build /app /app
# Only the embedded (SQLite) mode writes here; production uses MySQL.
RUN mkdir -p /app/data && chown node:node /app/data

# "node" (uid 1000) comes with the official Node image.
USER node
EXPOSE 3000

LABEL org.opencontainers.image.title="GasDesk" \
      org.opencontainers.image.description="Customer service for gas utilities: api, worker, cti and migrate processes"

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "backend/src/web.ts"]

# Tandem's container image. Its steps are those of .ci/production-check, which CI runs on every
# change (decision 024): `npm ci` and `npm run build` with the dev dependencies, then
# `npm ci --omit=dev` and the server on the pinned Node 24 from the `node` package (decision 003).
# Build: docker build -t tandem .    Run: docker compose up (compose.yaml, with PostgreSQL)

# --- build: every dependency, then the web app into dist/web
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- run: the runtime dependencies, the server's sources (Node 24 runs TypeScript as is) and the web build
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    PATH=/app/node_modules/.bin:$PATH
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY src/contracts src/contracts
COPY src/matching src/matching
COPY src/server src/server
COPY scripts scripts
COPY --from=build /app/dist dist
# The code belongs to root and is read-only to the server; only the data directory is its own.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# What `npm start` runs, without npm in between: npm does not pass `docker stop`'s SIGTERM on to the
# server, which then could not finish its requests and jobs before it stops.
CMD ["node", "scripts/start.ts"]

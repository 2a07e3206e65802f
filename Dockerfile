# paperboy's image: a build-and-test stage, then a slim non-root runtime with production dependencies and dist/.
#   docker build -t paperboy .
#   docker run --rm -e PAPERBOY_HOST=0.0.0.0 -p 127.0.0.1:3000:3000 -p 127.0.0.1:3001:3001 -v paperboy-data:/data paperboy
# `npm run check:image` reproduces the runtime stage on a host without Docker (it reads the COPY lines below).

FROM node:22-bookworm-slim AS build
# better-sqlite3 and sqlite3 compile from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
# Dependencies first, so a change to the sources alone reuses this layer (prepare finds no src/ yet and skips).
RUN npm ci --no-audit --no-fund
COPY . .
# Tests that need Redis are skipped (with a printed reason): there is none in a build.
RUN npm run build && npm test && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
# NODE_COMPILE_CACHE: Node keeps compiled code between starts of the container, which start faster after the first.
ENV NODE_ENV=production PAPERBOY_DATA_DIR=/data PORT=3000 NODE_COMPILE_CACHE=/tmp/node-compile-cache
WORKDIR /app
# The program stays root-owned (read-only to the user that runs it); only /data is the runtime user's.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY prompts ./prompts
COPY fixtures/sample ./fixtures/sample
RUN mkdir -p /data && chown node:node /data
USER node
# Created after the chown, so a new named volume starts out owned by `node` and is writable.
VOLUME /data
# The bot; without Slack credentials also the playground's Slack stand-in on PORT+1.
EXPOSE 3000 3001
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# As `npm start`: V8 grows the young generation to 2 × 16 MB while the modules load and keeps it; 4 MB semi-spaces
# keep the idle bot ~10 MB smaller for a few more (cheap) young collections when busy.
CMD ["node", "--max-semi-space-size=4", "dist/main.js"]

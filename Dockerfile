# paperboy in one container: `docker build -t paperboy . && docker run -p 3000:3000 --env-file .env -v paperboy-data:/data paperboy`
FROM node:20-bookworm-slim AS build
# better-sqlite3 and sqlite3 compile from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PAPERBOY_DATA_DIR=/data PORT=3000
COPY --from=build /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY prompts ./prompts
COPY fixtures ./fixtures
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "--import", "tsx", "src/main.ts"]

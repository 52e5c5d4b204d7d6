# Chat Starter as a container image: the compiled bot and its runtime dependencies on Node 24.
#   docker build -t chat-starter .          (or podman build)
#   docker run -p 3978:3978 --env-file bot.env chat-starter
# The base is an argument so a company can build on its own Node image of the same shape.
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Compile: every dependency (TypeScript is a devDependency), then dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && find dist -name "*.map" -delete

# 2. Runtime dependencies only, less what a running bot never reads (source maps, type
#    declarations, TypeScript sources, docs: about a third of a production install).
FROM ${NODE_IMAGE} AS runtime-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && find node_modules -type f \( -name '*.map' -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' \
      -o \( -iname '*.md' -a ! -iname 'licen[cs]e.md' \) -o -iname '*.markdown' \) -delete \
 && rm -rf node_modules/.bin node_modules/.package-lock.json

# 3. The image: what `npm start` runs, owned by root and run as the unprivileged `node` user.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json ./
COPY cards ./cards
COPY --from=runtime-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3978
# node itself is PID 1 (no npm or shell in between), so SIGTERM from `docker stop` or the
# orchestrator reaches the bot, which stops taking requests and drains those in flight
# (SHUTDOWN_GRACE_SECONDS, default 10: keep the host's stop timeout above it).
CMD ["node", "dist/index.js"]

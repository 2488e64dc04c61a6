# The service image for docker-compose; Neo4j runs in its own container (NEO4J_URI).
# The web app is built in a stage of its own (Vite and its plugins are dev dependencies); the
# image takes only web/dist from it. tools/api-types/package.json is an npm workspace of the
# project, so npm ci needs it in both stages.
FROM node:20-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/api-types/package.json ./tools/api-types/
RUN npm ci --no-audit --no-fund
COPY web ./web
COPY data/reference/boundaries-no ./data/reference/boundaries-no
RUN npm run build:web

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools/api-types/package.json ./tools/api-types/
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY cypher ./cypher
COPY data ./data
COPY tsconfig.json ./
COPY --from=web /app/web/dist ./web/dist
ENV NODE_ENV=production
EXPOSE 8080
# The heap limit as `npm start` sets it (README, NODE_HEAP_MB); exec keeps node as PID 1 for signals.
ENV NODE_HEAP_MB=1024
CMD ["sh", "-c", "exec node --max-semi-space-size=64 --max-old-space-size=${NODE_HEAP_MB} --import tsx src/main.ts"]

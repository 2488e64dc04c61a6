# The service image for docker-compose; Neo4j runs in its own container (NEO4J_URI).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY cypher ./cypher
COPY data ./data
COPY tsconfig.json ./
ENV NODE_ENV=production
EXPOSE 8080
CMD ["node", "--max-semi-space-size=64", "--import", "tsx", "src/main.ts"]

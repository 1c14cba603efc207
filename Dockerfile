# OrderLens all-in-one server. Production talks to a ClickHouse server (CLICKHOUSE_URL).

# The console is built with the dev dependencies (Vite, Vue's compiler) and only its static files are kept.
FROM node:20-bookworm-slim AS console
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm install
COPY console ./console
# The alerts page ships the runbook (imported as text), so a rule's runbook link opens in place.
COPY docs/RUNBOOK.md ./docs/RUNBOOK.md
RUN npm run console:build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm install --omit=dev && npm cache clean --force
COPY bin ./bin
COPY core ./core
COPY collector ./collector
COPY analyzer ./analyzer
COPY alerts ./alerts
COPY server ./server
COPY simulator ./simulator
COPY cli ./cli
COPY bench ./bench
COPY testkit ./testkit
COPY --from=console /app/console/dist ./console/dist
EXPOSE 8600
VOLUME ["/data"]
ENTRYPOINT ["node", "bin/orderlens.mjs"]
# `start`, not `npm start`: the console is already built into the image.
CMD ["start", "--host", "0.0.0.0", "--data", "/data"]

# OrderLens all-in-one server. Production talks to a ClickHouse server (CLICKHOUSE_URL).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm install --omit=dev && npm cache clean --force
COPY bin ./bin
COPY core ./core
COPY collector ./collector
COPY server ./server
COPY simulator ./simulator
COPY cli ./cli
COPY bench ./bench
COPY testkit ./testkit
EXPOSE 8600
VOLUME ["/data"]
ENTRYPOINT ["node", "bin/orderlens.mjs"]
CMD ["start", "--host", "0.0.0.0", "--data", "/data"]

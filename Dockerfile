# The same bundle `npm start` runs (packages/server/dist/main.mjs and the built web client), on Node 20.
#   docker build -t tuanjian .
#   docker run -p 3000:3000 -v tuanjian-data:/app/data tuanjian                      (embedded PGlite)
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -v tuanjian-data:/app/data tuanjian
# Data, attachments and backups live in /app/data (a volume). docs/deploy.md has the rest.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/domain/package.json packages/domain/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
RUN npm ci --no-audit --no-fund
COPY packages packages
RUN npm run build -w @tuanjian/web && npm run build -w @tuanjian/server && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
# pg_dump / pg_restore / psql for backups of a PostgreSQL database (npm run backup / restore).
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DEMO=false
# The runtime tree: the bundle, the web client, the migrations (read at start-up), the sources the
# backup/restore commands run through tsx, and the production dependencies.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.base.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/packages/domain packages/domain
COPY --from=build /app/packages/server/package.json packages/server/
COPY --from=build /app/packages/server/tsconfig.json packages/server/
COPY --from=build /app/packages/server/dist packages/server/dist
COPY --from=build /app/packages/server/src packages/server/src
COPY --from=build /app/packages/web/package.json packages/web/
COPY --from=build /app/packages/web/dist packages/web/dist
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "packages/server/dist/main.mjs"]

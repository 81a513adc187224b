# One image for the API, the worker and the editor (the command picks which).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# npm 11, as the README asks: it honours the install-script approvals kept in package.json.
RUN npm install -g npm@11
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/editor/package.json apps/editor/
# Every workspace's package.json (root package.json "workspaces"), so `npm ci` links each one.
COPY libs/channels/package.json libs/channels/
COPY libs/config/package.json libs/config/
COPY libs/contract/package.json libs/contract/
COPY libs/customer-value/package.json libs/customer-value/
COPY libs/data/package.json libs/data/
COPY libs/journey/package.json libs/journey/
COPY libs/run-decisions/package.json libs/run-decisions/
COPY libs/shopify/package.json libs/shopify/
COPY libs/testing/package.json libs/testing/
COPY workflows/package.json workflows/
COPY tools/devstack/package.json tools/devstack/
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
EXPOSE 3000 5173
CMD ["node", "apps/api/dist/main.js"]

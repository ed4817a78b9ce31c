import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from "fastify";
import { logger } from "@/lib/log";
import { authorizationLinkRoutes } from "./api/authorization-links";
import { authorizerRoutes } from "./api/authorizers";
import { componentRoutes } from "./api/component";
import { forwardingRuleRoutes } from "./api/forwarding-rules";
import { platformRoutes } from "./api/platforms";
import { proxyRoutes } from "./api/proxy";
import { miniProgramRoutes } from "./api/mini-programs";
import { templateRoutes } from "./api/templates";
import { releaseRoutes } from "./api/releases";
import { serviceRoutes } from "./api/service";
import { addApiKeyAuth } from "./plugins/api-key-auth";
import { addErrorMapper, answerBadUrl } from "./plugins/errors";
import { addOpenApiRoute, registerOpenApi } from "./plugins/openapi";
import { addMethodNotAllowed } from "./plugins/method-not-allowed";
import { addRequestChecks, MAX_BODY_BYTES, parseQuery } from "./plugins/request-checks";
import { addResponseHeaders } from "./plugins/response-headers";

// The JSON API (/api/v1/*, /api/health, /api/metrics) on Fastify: the same use-cases as the dashboard, without
// Next.js's request pipeline in front of every token read. server/main.ts puts it and Next.js on one port;
// tests build it alone and call it with inject().

export type BuildApiOptions = { serverFactory?: FastifyServerFactory };

export const buildApi = async ({ serverFactory }: BuildApiOptions = {}): Promise<FastifyInstance> => {
  const app = Fastify({
    serverFactory,
    // The one pino logger of the process (lib/log.ts), redacting by path and by value. Requests are not logged one
    // by one (the latency histogram counts them); Fastify's own warnings and errors go through it.
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // No child logger per request (each one re-applies the redaction): request.log is the process's logger.
    childLoggerFactory: (parent) => parent,
    bodyLimit: MAX_BODY_BYTES,
    routerOptions: { querystringParser: parseQuery, maxParamLength: 500 },
    return503OnClosing: true,
    frameworkErrors: answerBadUrl,
  });
  addErrorMapper(app);
  addResponseHeaders(app);
  addApiKeyAuth(app);
  addRequestChecks(app);
  await registerOpenApi(app);
  const routeMethods = addMethodNotAllowed.collect(app);
  await app.register(serviceRoutes);
  await app.register(authorizerRoutes);
  await app.register(componentRoutes);
  await app.register(authorizationLinkRoutes);
  await app.register(forwardingRuleRoutes);
  await app.register(platformRoutes);
  await app.register(miniProgramRoutes);
  await app.register(templateRoutes);
  await app.register(releaseRoutes);
  await app.register(proxyRoutes);
  addOpenApiRoute(app);
  addMethodNotAllowed.answer(app, routeMethods);
  return app;
};

import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { API_KEY_ROLES } from "@/lib/auth/api-keys";

// The OpenAPI 3.1 document of the JSON API, written from the same zod schemas that validate each request
// (@fastify/swagger walks the routes; fastify-type-provider-zod turns zod into JSON Schema). Each operation says the
// role it needs (x-wxopen-role and its description) and its error answers. Served at GET /api/v1/openapi.json.

const DESCRIPTION = [
  "The JSON API of wxopen, for internal services: tokens, the WeChat proxy, authorization links, forwarding rules.",
  "",
  "Every route but ping, health and this document takes an API key (Settings → API keys): `Authorization: Bearer wxo_…`.",
  `Keys have one of the roles ${API_KEY_ROLES.join(" < ")}; a route needs the role it names, or a higher one.`,
  "Errors answer `{ error: { code, message, errcode? } }`; the message says what to do. Answers are never cached (no-store).",
].join("\n");

export const registerOpenApi = async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "wxopen API", version: "1", description: DESCRIPTION },
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key, wxo_…" } } },
      tags: [
        { name: "authorizers", description: "Accounts that authorized the platform, and their tokens" },
        { name: "proxy", description: "WeChat's API with the right token added" },
        { name: "component", description: "The platform itself" },
        { name: "mini-programs", description: "A Mini Program's code: versions, commit, review, release (permission set 18)" },
        { name: "templates", description: "The platform's Mini Program template library" },
        { name: "releases", description: "Release campaigns: one version across many Mini Programs, review quota planned" },
        {
          name: "platforms",
          description: "The third-party platforms of this deployment: the default one (WECHAT_COMPONENT_*) and added ones",
        },
        { name: "authorization", description: "Invitation links for merchants" },
        { name: "forwarding", description: "Messages and events forwarded as signed webhooks" },
        { name: "service", description: "Reachability, health, metrics" },
      ],
    },
    transform: (input) => {
      const { schema, url } = jsonSchemaTransform(input);
      const role = input.route.config?.role;
      if (!role) return { schema, url: url.replace(/\*$/, "{path}") };
      const described = schema as typeof schema & { description?: string };
      return {
        schema: {
          ...schema,
          description: [`Needs a **${role}** key (or higher).`, described.description].filter(Boolean).join(" "),
          security: [{ apiKey: [] }],
          "x-wxopen-role": role,
        } as typeof schema,
        // The proxies' wildcard, as OpenAPI writes a path parameter.
        url: url.replace(/\*$/, "{path}"),
      };
    },
    transformObject: jsonSchemaTransformObject,
  });
};

export const addOpenApiRoute = (app: FastifyInstance) => {
  // GET /api/v1/openapi.json - this API's OpenAPI 3.1 document (no key: it holds no secret)
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
};

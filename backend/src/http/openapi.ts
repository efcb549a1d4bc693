import { z } from 'zod';
import { ErrorBody } from '@gasdesk/schema';
import type { RouteSpec } from './route.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' && { description: s.description }),
  }));
}

function accessText(spec: RouteSpec): string {
  if ('public' in spec.access) return 'Public.';
  if ('signedIn' in spec.access) return 'Any signed-in user.';
  return `Requires permission \`${spec.access.permission}\`.`;
}

/** The OpenAPI 3.1 document of the API, generated from the same route specs that Express serves. */
export function buildOpenApi(routes: readonly RouteSpec[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of routes) {
    const path = `/api${spec.path.replace(/:(\w+)/g, '{$1}')}`;
    const status = spec.response ? String(spec.status ?? 200) : '204';
    paths[path] ??= {};
    paths[path][spec.method] = {
      summary: spec.summary,
      description: accessText(spec),
      tags: [spec.tag],
      operationId: `${spec.method}${path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      ...('public' in spec.access ? { security: [] } : {}),
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
      ...(spec.body && {
        requestBody: {
          required: true,
          content: spec.bodyMediaType
            ? { [spec.bodyMediaType]: { schema: { type: 'string', format: 'binary' } } }
            : { 'application/json': { schema: jsonSchema(spec.body, 'input') } },
        },
      }),
      responses: {
        [status]: spec.response
          ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } }
          : { description: 'No content' },
        ...(spec.statusOf &&
          spec.response && { '422': { description: 'Refused, with the same body', content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } } } }),
        default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'GasDesk API',
      version,
      description: 'Customer service for gas utilities. Send `Authorization: Bearer <token>` from `POST /api/auth/login`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ErrorBody: jsonSchema(ErrorBody, 'output') },
    },
    security: [{ bearer: [] }],
    paths,
  };
}

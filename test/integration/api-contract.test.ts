import { expect } from 'chai';
import type { ErrorBody } from '@gasdesk/schema';
import { app } from '../support/harness.ts';
import { Api } from '../support/http.ts';

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { description: string; security?: unknown[]; requestBody?: { content: { 'application/json': { schema: { required?: string[] } } } } }>>;
}

describe('API contract: OpenAPI document, errors and health', () => {
  it('should serve an OpenAPI 3.1 document generated from the route contracts', async () => {
    const doc = (await new Api(app().url).get<OpenApiDoc>('/api/openapi.json')).body;
    expect(doc.openapi).to.equal('3.1.0');
    expect(Object.keys(doc.paths)).to.include.members(['/api/auth/login', '/api/auth/logout', '/api/auth/me', '/api/users', '/api/users/{id}', '/api/audit', '/api/audit/verify', '/api/companies']);
    const login = doc.paths['/api/auth/login']!.post!;
    expect(login.security).to.deep.equal([]);
    expect(login.requestBody!.content['application/json'].schema.required).to.deep.equal(['username', 'password']);
    expect(doc.paths['/api/users/{id}']!.patch!.description).to.equal('Requires permission `users:manage`.');
  });

  it('should serve a browsable docs page listing the operations', async () => {
    const res = await fetch(`${app().url}/api/docs`);
    const html = await res.text();
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    expect(html).to.contain('<code>/api/auth/login</code>');
    expect(html).not.to.match(/<script/);
  });

  it('should answer malformed JSON with 400, an unknown route with 404, and a missing token with 401', async () => {
    const api = new Api(app().url);
    const malformed = await api.request<ErrorBody>('POST', '/api/auth/login', '{"username":', {});
    expect(malformed.status).to.equal(400);
    expect(malformed.body).to.deep.equal({ error: { code: 'bad_request', message: 'the request body is not valid JSON' } });
    const unknown = await api.get<ErrorBody>('/api/nothing-here');
    expect(unknown.body).to.deep.equal({ error: { code: 'not_found', message: 'no API route GET /nothing-here' } });
    const anonymous = await api.get<ErrorBody>('/api/users');
    expect([anonymous.status, anonymous.body.error.code]).to.deep.equal([401, 'unauthenticated']);
  });

  it('should report the process up and the database and Redis reachable', async () => {
    const api = new Api(app().url);
    expect((await api.get('/healthz')).body).to.deep.equal({ status: 'ok' });
    const ready = await api.get<{ status: string; checks: Record<string, { ok: boolean }> }>('/readyz');
    expect(ready.status).to.equal(200);
    expect(ready.body.status).to.equal('ready');
    expect(Object.fromEntries(Object.entries(ready.body.checks).map(([k, v]) => [k, v.ok]))).to.deep.equal({ database: true, redis: true });
  });
});

import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_PATH = 'api/docs';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Kyosei API')
    .setDescription(
      'Case management for the integration of foreign residents, shared by city offices and Hello Work. ' +
        'Sign in with POST /api/v1/auth/login; send the returned csrfToken as X-CSRF-Token on unsafe requests. ' +
        'Every operation lists who may call it in x-kyosei-access.',
    )
    .setVersion('1')
    .addCookieAuth('kyosei_session', { type: 'apiKey', in: 'cookie', name: 'kyosei_session' }, 'session')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Service token (kys_…)' }, 'service-token')
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
  return document;
}

import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/platform';

/** Placeholder until the web UI ([K11]) is served here. */
@ApiExcludeController()
@Controller()
export class HomeController {
  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  home(): string {
    return `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><title>Kyosei 共生</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Kyosei 共生</h1>
<p>外国人住民の共生支援のためのケース管理システム — case management for the integration of foreign residents.</p>
<p>The web interface is coming. Until then: <a href="/api/docs">API documentation</a>,
<a href="/health/ready">service health</a>.</p>
</main>
</body>
</html>`;
  }
}

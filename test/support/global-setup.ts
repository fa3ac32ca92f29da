import { randomBytes } from 'node:crypto';

export default function globalSetup(): void {
  process.env.KYOSEI_TEST_RUN ??= `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

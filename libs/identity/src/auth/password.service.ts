import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

// Argon2id (algorithm 2); the library's defaults are OWASP's (19 MiB, 2 passes, 1 lane).
const ARGON2ID = 2;

@Injectable()
export class PasswordService {
  // Verified against when the account does not exist, so that timing does not reveal it.
  private decoy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID });
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (!passwordHash) {
      this.decoy ??= this.hash('decoy password that matches nothing');
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}

export const PASSWORD_MIN_LENGTH = 12;

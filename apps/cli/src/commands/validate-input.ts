import { flattenValidationErrors } from '@app/platform';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';

/** The CLI validates with the same DTOs as the API, so both accept exactly the same input. */
export async function validateInput<T extends object>(dto: ClassConstructor<T>, input: object): Promise<T> {
  const instance = plainToInstance(dto, input);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) {
    const lines = flattenValidationErrors(errors).map((error) => `${error.field}: ${error.reason}`);
    throw new CliInputError(lines.join('; '));
  }
  return instance;
}

export class CliInputError extends Error {}

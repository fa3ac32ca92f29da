import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * JIS X 0402 local-government codes: five digits and a check digit. The check digit is
 * (11 - (d1*6 + d2*5 + d3*4 + d4*3 + d5*2) mod 11) mod 10, e.g. Hamamatsu 22130 -> 221309.
 */
export function municipalityCheckDigit(fiveDigits: string): number {
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((total, weight, index) => total + weight * Number(fiveDigits[index]), 0);
  return (11 - (sum % 11)) % 10;
}

export function isMunicipalityCode(value: unknown): value is string {
  return (
    typeof value === 'string' && /^\d{6}$/.test(value) && municipalityCheckDigit(value.slice(0, 5)) === Number(value[5])
  );
}

export function IsMunicipalityCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isMunicipalityCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property }) =>
          `${property} must be a 6-digit JIS X 0402 municipality code with a valid check digit (e.g. 221309)`,
        ...options,
      },
      validator: { validate: (value: unknown) => isMunicipalityCode(value) },
    });
}

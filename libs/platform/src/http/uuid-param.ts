import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ProblemException } from '../problem/problem.js';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => ProblemException.validation([{ field: name, reason: `${name} must be a UUID` }]),
    }),
  );

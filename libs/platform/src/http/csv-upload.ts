import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { diskStorage, FileInterceptor } from '@nestjs/platform-fastify/multipart';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { ProblemException } from '../problem/problem.js';
import { uploadDir } from './upload-dir.js';

/** A CSV uploaded as the multipart form field "file", saved in the upload directory. */
export interface UploadedCsv {
  path: string;
  originalname: string;
}

/** One CSV file as the form field "file", on disk for the job that reads it; documented in OpenAPI. */
export function CsvUpload(maxBytes = 512 * 1024 ** 2): MethodDecorator {
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
    }),
    UseInterceptors(
      FileInterceptor('file', {
        storage: diskStorage({ destination: uploadDir() }),
        limits: { fileSize: maxBytes, files: 1 },
      }),
    ),
  );
}

/** The uploaded file, or a 400 naming the field when the form had none. */
export function requireCsv(file: UploadedCsv | undefined): UploadedCsv {
  if (!file) throw ProblemException.validation([{ field: 'file', reason: 'attach the CSV as the form field "file"' }]);
  return file;
}

import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessDisclosureController, AccessDisclosureService } from './access-disclosure.js';
import { AuditController } from './audit.controller.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  controllers: [AuditController, AccessDisclosureController],
  providers: [AuditService, AccessDisclosureService],
  exports: [AuditService],
})
export class AuditModule {}

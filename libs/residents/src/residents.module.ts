import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ResidentDirectory } from './directory/resident-directory.js';
import { GuardianLink, Household } from './households/household.entity.js';
import { HouseholdsController } from './households/households.controller.js';
import { HouseholdsService } from './households/households.service.js';
import { ExportsController, ImportsController } from './import/imports.controller.js';
import { ResidentExportService } from './import/resident-export.service.js';
import { ImportsService } from './import/imports.service.js';
import { ResidentImportService } from './import/resident-import.service.js';
import { ResidentName } from './resident-name.entity.js';
import { Resident } from './resident.entity.js';
import { ResidentsController } from './residents.controller.js';
import { ResidentsService } from './residents.service.js';
import { StatusHistory } from './status-history.entity.js';
import { StatusesController, StatusesService } from './statuses/statuses.controller.js';

/** The resident registry: residents, name forms, households, guardians, status history. */
@Module({
  imports: [TypeOrmModule.forFeature([Resident, ResidentName, StatusHistory, Household, GuardianLink])],
  controllers: [ResidentsController, HouseholdsController, ImportsController, ExportsController, StatusesController],
  providers: [
    ResidentsService,
    HouseholdsService,
    ResidentImportService,
    ResidentExportService,
    ImportsService,
    StatusesService,
    ResidentDirectory,
  ],
  exports: [ResidentsService, ResidentImportService, ImportsService, ResidentDirectory],
})
export class ResidentsModule {}

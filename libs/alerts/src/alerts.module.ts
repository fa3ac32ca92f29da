import { Module } from '@nestjs/common';

/** Alerts: rule catalogue, alert lifecycle, evaluation on change and nightly sweep. */
@Module({})
export class AlertsModule {}

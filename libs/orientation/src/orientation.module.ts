import { Module } from '@nestjs/common';
import { ResidentsModule } from '@app/residents';

/** Newcomer orientation: sessions, topics, attendance and the newcomer invitation list. */
@Module({
  imports: [ResidentsModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class OrientationModule {}

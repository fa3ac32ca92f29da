import { Module } from '@nestjs/common';
import { ResidentsModule } from '@app/residents';

/** Japanese-language courses: sessions, enrollment with a waitlist, attendance, completion, proficiency. */
@Module({
  imports: [ResidentsModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class LanguageModule {}

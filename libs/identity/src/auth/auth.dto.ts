import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { UserView } from '../users/user.dto.js';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.city' })
  @IsString()
  @Length(3, 254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class SessionView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: 'Send as X-CSRF-Token on POST, PUT, PATCH and DELETE' }) csrfToken: string;
}

export class MeView {
  @ApiProperty({ type: UserView, nullable: true }) user: UserView | null;
  @ApiProperty({ nullable: true, type: String }) csrfToken: string | null;
  @ApiProperty({ enum: ['user', 'service'] }) kind: 'user' | 'service';
  @ApiProperty() orgId: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty({ type: [String], description: 'Municipalities whose residents this office serves' })
  municipalityCodes: string[];
}

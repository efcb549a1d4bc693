import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { GrantablePermission, Role } from '@gasdesk/schema';
import { nameSetColumn } from '../../db/columns.ts';
import type { Company } from '../companies/company.model.ts';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare username: string;
  declare displayName: string;
  declare role: Role;
  declare grants: GrantablePermission[];
  /** PBX queues the agent joins on going ready, set by an admin; none means the company's queues. */
  declare queues: CreationOptional<string[]>;
  declare extension: string | null;
  declare passwordHash: string;
  declare disabled: CreationOptional<boolean>;
  declare lastLoginAt: Date | null;
  declare company?: NonAttribute<Company>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    User.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        displayName: { type: DataTypes.STRING(64), allowNull: false },
        role: { type: DataTypes.STRING(32), allowNull: false },
        grants: nameSetColumn<GrantablePermission>('grants'),
        queues: { ...nameSetColumn<string>('queues'), defaultValue: '[]' },
        extension: { type: DataTypes.STRING(16), allowNull: true },
        passwordHash: { type: DataTypes.STRING(255), allowNull: false },
        disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        lastLoginAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'users' },
    );
  }
}

import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type Sequelize } from 'sequelize';
import type { ReadingSchedule } from '@gasdesk/schema';
import type { User } from '../users/user.model.ts';

/** 抄表本. Its accounts are those whose `readingBookCode` is its code, in `readingSequence` order. */
export class ReadingBook extends Model<InferAttributes<ReadingBook>, InferCreationAttributes<ReadingBook>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare code: string;
  declare name: string;
  declare readerId: number | null;
  declare schedule: ReadingSchedule;
  declare readDay: number;
  declare active: boolean;
  declare reader?: NonAttribute<User | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    ReadingBook.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        code: { type: DataTypes.STRING(32), allowNull: false },
        name: { type: DataTypes.STRING(64), allowNull: false },
        readerId: { type: DataTypes.INTEGER, allowNull: true },
        schedule: { type: DataTypes.STRING(16), allowNull: false },
        readDay: { type: DataTypes.INTEGER, allowNull: false },
        active: { type: DataTypes.BOOLEAN, allowNull: false },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'reading_books' },
    );
  }
}

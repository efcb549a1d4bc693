import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { HhuImportReport } from '@gasdesk/schema';

/** A handheld result file taken in, once per file (its SHA-256), with the report it produced. */
export class HhuImport extends Model<InferAttributes<HhuImport>, InferCreationAttributes<HhuImport>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare cycleId: number;
  declare fileSha256: string;
  declare fileName: string;
  declare rows: number;
  declare accepted: number;
  declare exceptions: number;
  declare faults: number;
  declare problems: HhuImportReport['problems'];
  declare userId: number | null;
  declare createdAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    HhuImport.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        cycleId: { type: DataTypes.INTEGER, allowNull: false },
        fileSha256: { type: DataTypes.STRING(64), allowNull: false },
        fileName: { type: DataTypes.STRING(200), allowNull: false },
        rows: { type: DataTypes.INTEGER, allowNull: false },
        accepted: { type: DataTypes.INTEGER, allowNull: false },
        exceptions: { type: DataTypes.INTEGER, allowNull: false },
        faults: { type: DataTypes.INTEGER, allowNull: false },
        problems: {
          type: DataTypes.TEXT,
          allowNull: false,
          get(this: HhuImport) {
            return JSON.parse(this.getDataValue('problems') as unknown as string) as HhuImportReport['problems'];
          },
          set(this: HhuImport, value: HhuImportReport['problems']) {
            this.setDataValue('problems', JSON.stringify(value) as unknown as HhuImportReport['problems']);
          },
        },
        userId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'hhu_imports', updatedAt: false },
    );
  }
}

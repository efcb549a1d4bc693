import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** 表库: where a company keeps meters that are not at a premise. */
export class Warehouse extends Model<InferAttributes<Warehouse>, InferCreationAttributes<Warehouse>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare code: string;
  declare name: string;
  declare address: string;

  static initialize(sequelize: Sequelize): void {
    Warehouse.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        code: { type: DataTypes.STRING(32), allowNull: false },
        name: { type: DataTypes.STRING(64), allowNull: false },
        address: { type: DataTypes.STRING(128), allowNull: false },
      },
      { sequelize, tableName: 'warehouses', timestamps: false },
    );
  }
}

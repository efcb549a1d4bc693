import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export class BusinessHall extends Model<InferAttributes<BusinessHall>, InferCreationAttributes<BusinessHall>> {
  declare id: CreationOptional<number>;
  declare companyId: number;
  declare code: string;
  declare name: string;
  declare address: string;
  declare phone: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initialize(sequelize: Sequelize): void {
    BusinessHall.init(
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
        companyId: { type: DataTypes.INTEGER, allowNull: false },
        code: { type: DataTypes.STRING(32), allowNull: false },
        name: { type: DataTypes.STRING(128), allowNull: false },
        address: { type: DataTypes.STRING(255), allowNull: false },
        phone: { type: DataTypes.STRING(32), allowNull: false },
        createdAt: DataTypes.DATE,
        updatedAt: DataTypes.DATE,
      },
      { sequelize, tableName: 'business_halls' },
    );
  }
}

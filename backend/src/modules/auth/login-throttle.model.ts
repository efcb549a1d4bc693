import { DataTypes, Model, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** Failed-login counters per key (`user:<name>` or `ip:<address>`); shared by every api process. */
export class LoginThrottle extends Model<InferAttributes<LoginThrottle>, InferCreationAttributes<LoginThrottle>> {
  declare key: string;
  declare failures: number;
  declare windowStartedAt: Date;
  declare lockedUntil: Date | null;

  static initialize(sequelize: Sequelize): void {
    LoginThrottle.init(
      {
        key: { type: DataTypes.STRING(160), primaryKey: true },
        failures: { type: DataTypes.INTEGER, allowNull: false },
        windowStartedAt: { type: DataTypes.DATE(3), allowNull: false },
        lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
      },
      // Counted before anyone is known, for usernames of any company or none.
      { sequelize, tableName: 'login_throttles', timestamps: false, tenantKey: 'global' } as Parameters<typeof LoginThrottle.init>[1],
    );
  }
}

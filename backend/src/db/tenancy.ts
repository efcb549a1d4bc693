import { Op, type FindOptions, type IncludeOptions, type Model, type ModelStatic, type Sequelize, type WhereOptions } from 'sequelize';
import { AppError } from '../shared/app-error.ts';
import { companyScope } from '../shared/request-context.ts';

/**
 * Tenancy, in one place. Every model either names the attribute that says which company a row
 * belongs to (`companyId` by default, `id` for the company itself) or is declared global. Hooks
 * installed here add the caller's company to every find, count, bulk update and bulk delete, and
 * refuse to create, save or delete a row of another company. The scope comes from the current
 * actor (see request-context): no actor, no query.
 *
 * Invariants: raw SQL (`sequelize.query`) is reserved for system code; `Model.aggregate` is not
 * scoped, so tenant models use `count`/`findAll` instead.
 */
export interface TenancyOptions {
  /** Attribute holding the owning company's id, or `'global'` for tables shared by all companies. */
  tenantKey?: string | 'global';
}

type AnyModel = ModelStatic<Model>;

export function tenantKeyOf(model: AnyModel): string | null {
  const declared = (model.options as TenancyOptions).tenantKey;
  if (declared === 'global') return null;
  if (declared) return declared;
  if ('companyId' in model.getAttributes()) return 'companyId';
  throw new Error(`model ${model.name} has no companyId: declare tenantKey or tenantKey: 'global'`);
}

function scopedWhere(where: WhereOptions | undefined, key: string, companyId: number): WhereOptions {
  const clause = { [key]: companyId };
  return where ? { [Op.and]: [where, clause] } : clause;
}

function scopeIncludes(includes: FindOptions['include'], companyId: number): void {
  if (!Array.isArray(includes)) return;
  for (const inc of includes as IncludeOptions[]) {
    if (!inc.model) continue;
    const key = tenantKeyOf(inc.model as AnyModel);
    if (key) {
      inc.required = inc.required ?? false;
      inc.where = scopedWhere(inc.where, key, companyId);
    }
    scopeIncludes(inc.include, companyId);
  }
}

function assertOwned(model: AnyModel, key: string, instance: Model): void {
  const scope = companyScope();
  if (scope === 'all') return;
  const current = instance.get(key) as number | undefined;
  if (current === undefined || current === null) {
    instance.set(key, scope);
    return;
  }
  const previous = instance.previous(key) as number | undefined;
  if (current !== scope || (previous !== undefined && previous !== scope)) {
    throw AppError.notFound(model.name);
  }
}

export function applyTenancy(sequelize: Sequelize): void {
  for (const model of Object.values(sequelize.models) as AnyModel[]) {
    const key = tenantKeyOf(model);
    if (!key) continue;
    const narrow = (options: { where?: WhereOptions }) => {
      const scope = companyScope();
      if (scope !== 'all') options.where = scopedWhere(options.where, key, scope);
    };
    model.addHook('beforeFind', narrow);
    model.addHook('beforeCount', narrow);
    model.addHook('beforeBulkUpdate', narrow);
    // Model.destroy maps attribute names to column names before this hook runs (find, count and
    // update map after theirs), so the clause added here must name the column itself.
    const column = model.getAttributes()[key]?.field ?? key;
    model.addHook('beforeBulkDestroy', (options: { where?: WhereOptions }) => {
      const scope = companyScope();
      if (scope !== 'all') options.where = scopedWhere(options.where, column, scope);
    });
    model.addHook('beforeFindAfterExpandIncludeAll', (options: FindOptions) => {
      const scope = companyScope();
      if (scope !== 'all') scopeIncludes(options.include, scope);
    });
    const own = (instance: Model) => assertOwned(model, key, instance);
    model.addHook('beforeValidate', own);
    model.addHook('beforeCreate', own);
    model.addHook('beforeUpdate', own);
    model.addHook('beforeDestroy', own);
    model.addHook('beforeBulkCreate', (instances: Model[]) => instances.forEach(own));
  }
}

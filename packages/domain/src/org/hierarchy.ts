import { ALLOWED_PARENTS, ORG_TYPE_LABELS, type OrgType } from './types.js';
import { DomainError } from '../errors.js';

/**
 * Hierarchy rules shared by the server (enforced) and the web client
 * (which parent types to offer). Paths are ltree strings of ids: "1.12.305".
 */

export function pathOf(parentPath: string | null, id: number | string): string {
  return parentPath ? `${parentPath}.${id}` : String(id);
}

export function isSameOrDescendant(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}.`);
}

export function ancestorIds(path: string): number[] {
  return path.split('.').map(Number);
}

/** A deployment holds one county, a city, a province or the whole league. */
export const ROOT_TYPES: readonly OrgType[] = ['central', 'provincial', 'city', 'county'];

export function canBeChildOf(childType: OrgType, parentType: OrgType | null): boolean {
  if (parentType === null) return ROOT_TYPES.includes(childType);
  return ALLOWED_PARENTS[childType].includes(parentType);
}

export function allowedChildTypes(parentType: OrgType): OrgType[] {
  return (Object.keys(ALLOWED_PARENTS) as OrgType[]).filter((t) => ALLOWED_PARENTS[t].includes(parentType));
}

/** Throws a DomainError explaining why `child` cannot be placed under `parent`. */
export function assertPlacement(
  child: { id?: number; type: OrgType; path?: string },
  parent: { id: number; type: OrgType; path: string; status: string } | null,
): void {
  if (parent === null) {
    if (!canBeChildOf(child.type, null)) {
      throw new DomainError('invalid_parent', `${ORG_TYPE_LABELS[child.type]}必须有上级组织`, 'parentId');
    }
    return;
  }
  if (parent.status !== 'active') {
    throw new DomainError('parent_dissolved', '上级组织已撤销，不能在其下设立或移入组织', 'parentId');
  }
  if (child.path && isSameOrDescendant(parent.path, child.path)) {
    throw new DomainError('cycle', '不能将组织移动到其自身或其下级组织之下', 'parentId');
  }
  if (!canBeChildOf(child.type, parent.type)) {
    throw new DomainError(
      'invalid_parent',
      `${ORG_TYPE_LABELS[child.type]}不能设在${ORG_TYPE_LABELS[parent.type]}之下`,
      'parentId',
    );
  }
}

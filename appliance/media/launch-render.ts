import { TypeCompiler } from '@sinclair/typebox/compiler';
import { RoomctlError } from '../../drivers/core/errors.js';
import { ELEMENT_CATALOG, type PropertyKind } from './element-catalog.js';
import { quoteLaunchValue, unquotableReason } from './launch-quote.js';
import { checkValue } from './media-values.js';
import { PipelineSpec, type CapsNode, type ChainNode, type ElementNode, type PropertyValue } from './pipeline-spec.js';

const specCheck = TypeCompiler.Compile(PipelineSpec);

interface SpecIssue {
  path: string;
  message: string;
}

/**
 * Checks a pipeline description against its schema and the element catalog: every factory
 * and property whitelisted, every value of the property's type and range, every string
 * through its check, every reference to an element that exists. Returns all the issues.
 */
export function validatePipelineSpec(spec: unknown): SpecIssue[] {
  if (!specCheck.Check(spec)) return [...specCheck.Errors(spec)].map((e) => ({ path: `spec${e.path.replace(/\//g, '.')}`, message: e.message }));
  const issues: SpecIssue[] = [];
  const names = new Set<string>();
  spec.chains.forEach((chain, c) =>
    chain.forEach((node, i) => {
      if (node.kind !== 'element' || !node.name) return;
      if (names.has(node.name)) issues.push({ path: `chains.${c}.${i}.name`, message: `"${node.name}" is used twice` });
      names.add(node.name);
    }),
  );
  spec.chains.forEach((chain, c) =>
    chain.forEach((node, i) => {
      const path = `chains.${c}.${i}`;
      if (node.kind === 'ref') {
        if (!names.has(node.name)) issues.push({ path, message: `refers to "${node.name}", which no element is called` });
        if (i !== 0 && i !== chain.length - 1) issues.push({ path, message: 'a reference can only start or end a chain' });
      }
      if (node.kind === 'element') issues.push(...elementIssues(node, path));
    }),
  );
  return issues;
}

function elementIssues(node: ElementNode, path: string): SpecIssue[] {
  const allowed = ELEMENT_CATALOG[node.factory];
  if (!Object.hasOwn(ELEMENT_CATALOG, node.factory) || !allowed) return [{ path: `${path}.factory`, message: `element "${node.factory}" is not allowed` }];
  const issues: SpecIssue[] = [];
  for (const [prop, value] of Object.entries(node.props ?? {})) {
    const kind = Object.hasOwn(allowed, prop) ? allowed[prop] : undefined;
    const problem = kind ? valueProblem(kind, value) : `is not an allowed property of ${node.factory}`;
    if (problem) issues.push({ path: `${path}.props.${prop}`, message: problem });
  }
  return issues;
}

function valueProblem(kind: PropertyKind, value: PropertyValue): string | null {
  switch (kind.type) {
    case 'bool':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be an integer';
      return value < kind.min || value > kind.max ? `must be between ${kind.min} and ${kind.max}` : null;
    case 'enum':
    case 'factory':
      return typeof value === 'string' && kind.values.includes(value) ? null : `must be one of ${kind.values.join(', ')}`;
    case 'string':
      if (typeof value !== 'string') return 'must be a string';
      return checkValue(kind.check, value) ?? (unquotableReason(value) ? `cannot be written safely: ${unquotableReason(value)}` : null);
  }
}

/** Throws ROOMCTL_E_MEDIA_REJECTED listing every issue, or returns the launch description. */
export function renderLaunch(spec: unknown): string {
  const issues = validatePipelineSpec(spec);
  if (issues.length > 0) {
    throw new RoomctlError('ROOMCTL_E_MEDIA_REJECTED', `Pipeline refused: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, { issues });
  }
  return (spec as PipelineSpec).chains.map((chain) => chain.map(renderNode).join(' ! ')).join('  ');
}

function renderNode(node: ChainNode): string {
  switch (node.kind) {
    case 'ref':
      return `${node.name}.${node.pad ?? ''}`;
    case 'caps':
      return renderCaps(node);
    case 'element': {
      const parts = [node.factory];
      if (node.name) parts.push(`name=${node.name}`);
      const kinds = ELEMENT_CATALOG[node.factory]!;
      for (const [prop, value] of Object.entries(node.props ?? {})) parts.push(`${prop}=${renderValue(kinds[prop]!, value)}`);
      return parts.join(' ');
    }
  }
}

function renderValue(kind: PropertyKind, value: PropertyValue): string {
  if (kind.type === 'bool') return value ? 'true' : 'false';
  if (kind.type === 'int') return String(value);
  // Enums and factories are from the catalog, but are quoted like everything else.
  return quoteLaunchValue(String(value));
}

/** Caps carry only numbers and catalogued words, written with explicit types. */
function renderCaps(node: CapsNode): string {
  const fields = [node.media];
  if (node.format) fields.push(`format=(string)${node.format}`);
  if (node.width !== undefined) fields.push(`width=(int)${node.width}`);
  if (node.height !== undefined) fields.push(`height=(int)${node.height}`);
  if (node.framerate) fields.push(`framerate=(fraction)${node.framerate.num}/${node.framerate.den}`);
  if (node.rate !== undefined) fields.push(`rate=(int)${node.rate}`);
  if (node.channels !== undefined) fields.push(`channels=(int)${node.channels}`);
  return fields.join(',');
}

// The JSON body of a collection or entity response, with annotations in the order Graph
// writes them: @odata.context, @odata.count, @odata.nextLink, value.
import type { Json, MutableJsonObject } from '../model/json.ts';
import type { GraphVersion } from '../model/schema.ts';
import type { Page } from './paging.ts';

/**
 * `entitySetPath` is the path as the context names it, without leading slash:
 * 'deviceManagement/managedDevices'. With $select the context lists the selected properties.
 */
export function contextUrl(baseUrl: string, version: GraphVersion, entitySetPath: string, options: { readonly select?: readonly string[]; readonly entity?: boolean } = {}): string {
  const selected = options.select ? `(${options.select.join(',')})` : '';
  return `${baseUrl}/${version}/$metadata#${entitySetPath}${selected}${options.entity ? '/$entity' : ''}`;
}

export function collectionBody(page: Page, context: string): MutableJsonObject {
  const body: MutableJsonObject = { '@odata.context': context };
  if (page.count !== undefined) body['@odata.count'] = page.count;
  if (page.nextLink !== undefined) body['@odata.nextLink'] = page.nextLink;
  body['value'] = page.value as Json;
  return body;
}

export function entityBody(entity: MutableJsonObject, context: string): MutableJsonObject {
  return { '@odata.context': context, ...entity };
}

import { z } from 'zod';
import { ZGatewayAnswer } from './import.ts';

/**
 * 申报录入 (issue 17, item 8; decision 0035): declarations entered by form. The values carry CEB field names —
 * `head` the document's head (OrderHead, PaymentHead, LogisticsHead, InventoryHead), `list` its lines — so an
 * error of the gateway's XSD check names the same field the form shows (`head.orderNo`, `list[0].qty`).
 */
export const ENTRY_MESSAGE_TYPES = [
  'CEB311Message',
  'CEB411Message',
  'CEB511Message',
  'CEB621Message',
] as const;
export const ZEntryMessageType = z.enum(ENTRY_MESSAGE_TYPES);
export type TEntryMessageType = z.infer<typeof ZEntryMessageType>;
export const ZEntryMessageParams = z.object({ messageType: ZEntryMessageType });

const ZFieldValue = z.string().max(1000);
export const ZEntryValues = z
  .object({
    head: z.record(z.string().max(60), ZFieldValue),
    list: z
      .array(z.record(z.string().max(60), ZFieldValue))
      .max(99)
      .default([]),
  })
  .meta({ id: 'EntryValues' });
export type TEntryValues = z.infer<typeof ZEntryValues>;

export const ZDraftKind = z.enum(['draft', 'template']);
export const ZEntryDraftInput = z.object({
  kind: ZDraftKind,
  messageType: ZEntryMessageType,
  name: z.string().trim().min(1).max(60),
  values: ZEntryValues,
});
export type TEntryDraftInput = z.infer<typeof ZEntryDraftInput>;
export const ZEntryDraft = z
  .object({
    id: z.uuid(),
    kind: ZDraftKind,
    messageType: ZEntryMessageType,
    name: z.string(),
    values: ZEntryValues,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EntryDraft' });
export type TEntryDraft = z.infer<typeof ZEntryDraft>;
export const ZEntryDraftQuery = z.object({
  kind: ZDraftKind.optional(),
  messageType: ZEntryMessageType.optional(),
});

/** One field of the form as the XSD declares it: the gateway checks exactly these facets. */
export const ZEntryField = z.object({
  name: z.string(),
  required: z.boolean(),
  base: z.string(),
  length: z.number().int().optional(),
  minLength: z.number().int().optional(),
  maxLength: z.number().int().optional(),
  totalDigits: z.number().int().optional(),
  fractionDigits: z.number().int().optional(),
  fixed: z.string().optional(),
  doc: z.string().optional(),
  /** Filled by the server when declaring (guid, appTime, appType, appStatus, gnum). */
  auto: z.boolean(),
});
export type TEntryField = z.infer<typeof ZEntryField>;
export const ZEntryForm = z
  .object({
    messageType: ZEntryMessageType,
    nameZh: z.string(),
    head: z.array(ZEntryField),
    list: z.array(ZEntryField).nullable(),
    /** The values the form starts with: the sender's own codes and names, fixed codes, RMB. */
    defaults: z.record(z.string(), z.string()),
    signature: z.object({
      /** The spec marks this message signed (CEB621). */
      demanded: z.boolean(),
      policy: z.enum(['required', 'optional']),
      registeredKeys: z.number().int(),
      /** Whether a form declaration can be accepted: the web holds no private key, so no signature. */
      declarable: z.boolean(),
    }),
  })
  .meta({ id: 'EntryForm' });
export type TEntryForm = z.infer<typeof ZEntryForm>;

export const ZEntryPrevious = z.object({
  id: z.uuid(),
  businessKey: z.string(),
  status: z.string(),
  createdAt: z.string(),
  values: ZEntryValues,
});
export type TEntryPrevious = z.infer<typeof ZEntryPrevious>;

export const ZEntryDeclare = z.object({
  values: ZEntryValues,
  /** The draft this declaration came from: deleted once the gateway accepted the message. */
  draftId: z.uuid().optional(),
});
export const ZEntryAnswer = ZGatewayAnswer.extend({
  messageXml: z.string().describe('the CEB message built from the form, as the gateway received it'),
}).meta({ id: 'EntryAnswer' });
export type TEntryAnswer = z.infer<typeof ZEntryAnswer>;

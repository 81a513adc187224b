/**
 * The one registry of node types: what the palette lists (label, group, icon, description), what
 * a new node starts with (id prefix, data) and which inspector form edits it. Typed per node type,
 * so a new type in the shared schema does not compile until it has all three.
 */
import type { JourneyNodeType } from '@waypoint/journey';
import type { ComponentType } from 'react';
import {
  ActionCouponForm,
  ActionUpdateProfileForm,
  ActionWebhookForm,
  ExitForm,
} from './inspector/action-forms';
import { BranchConditionForm, BranchSplitForm } from './inspector/branch-forms';
import type { NodeFormProps } from './inspector/form-props';
import { SendEmailForm, SendSmsForm, SendWhatsappForm } from './inspector/message-forms';
import { TriggerDateForm, TriggerEventForm, TriggerSegmentForm } from './inspector/trigger-forms';
import { WaitDelayForm, WaitEventForm, WaitUntilForm } from './inspector/wait-forms';
import type { NodeDataOf } from './journey-flow';
import type { NodeIconName } from './NodeIcon';

export type NodeGroup = 'trigger' | 'wait' | 'branch' | 'message' | 'action' | 'end';

export interface NodeKind<T extends JourneyNodeType> {
  type: T;
  label: string;
  group: NodeGroup;
  /** Decorative: the label always accompanies it. */
  icon: NodeIconName;
  description: string;
  idPrefix: string;
  create: () => NodeDataOf<T>;
  Form: ComponentType<NodeFormProps<T>>;
}

type Registry = { [T in JourneyNodeType]: NodeKind<T> };

export const nodeRegistry: Registry = {
  'trigger.event': {
    type: 'trigger.event',
    label: 'Event trigger',
    group: 'trigger',
    icon: 'bolt',
    description: 'Starts when the customer does something: a checkout, an order, a sign-up.',
    idPrefix: 'trigger',
    create: () => ({ event: '' }),
    Form: TriggerEventForm,
  },
  'trigger.segment': {
    type: 'trigger.segment',
    label: 'Segment trigger',
    group: 'trigger',
    icon: 'target',
    description: 'Starts when the customer enters a segment or lifecycle stage.',
    idPrefix: 'trigger',
    create: () => ({ stage: 'inactive' }),
    Form: TriggerSegmentForm,
  },
  'trigger.date': {
    type: 'trigger.date',
    label: 'Date trigger',
    group: 'trigger',
    icon: 'calendar',
    description: 'Starts on a date of the customer’s: a birthday, a replenishment date.',
    idPrefix: 'trigger',
    create: () => ({ attribute: 'attributes.birthday' }),
    Form: TriggerDateForm,
  },
  'wait.delay': {
    type: 'wait.delay',
    label: 'Delay',
    group: 'wait',
    icon: 'clock',
    description: 'Waits a fixed time: 30 minutes, 1 hour, 3 days.',
    idPrefix: 'wait',
    create: () => ({ duration: '1h' }),
    Form: WaitDelayForm,
  },
  'wait.until': {
    type: 'wait.until',
    label: 'Wait until',
    group: 'wait',
    icon: 'sunrise',
    description: 'Waits for a time of day in the customer’s time zone, or for a date.',
    idPrefix: 'wait-until',
    create: () => ({ timeOfDay: '09:00', weekdays: [1, 2, 3, 4, 5] }),
    Form: WaitUntilForm,
  },
  'wait.event': {
    type: 'wait.event',
    label: 'Wait for event',
    group: 'wait',
    icon: 'hourglass',
    description: 'Waits for an event, with a timeout: two outputs, event and timeout.',
    idPrefix: 'wait-event',
    create: () => ({ event: 'order.placed', timeout: '3d' }),
    Form: WaitEventForm,
  },
  'branch.condition': {
    type: 'branch.condition',
    label: 'Condition',
    group: 'branch',
    icon: 'branch',
    description: 'Takes the first output whose condition holds, else the “else” output.',
    idPrefix: 'branch',
    create: () => ({ conditions: [{ id: 'yes', name: 'Yes', when: { did: 'order.placed' } }] }),
    Form: BranchConditionForm,
  },
  'branch.split': {
    type: 'branch.split',
    label: 'A/B split',
    group: 'branch',
    icon: 'split',
    description: 'Sends each customer down one arm at random by percentage.',
    idPrefix: 'split',
    create: () => ({
      arms: [
        { id: 'a', name: 'Variant A', percent: 50 },
        { id: 'b', name: 'Variant B', percent: 50 },
      ],
    }),
    Form: BranchSplitForm,
  },
  'send.email': {
    type: 'send.email',
    label: 'Email',
    group: 'message',
    icon: 'mail',
    description: 'Sends an email from a template.',
    idPrefix: 'email',
    create: () => ({ template: '', category: 'marketing' }),
    Form: SendEmailForm,
  },
  'send.sms': {
    type: 'send.sms',
    label: 'SMS',
    group: 'message',
    icon: 'sms',
    description: 'Sends a text message to customers who opted in.',
    idPrefix: 'sms',
    create: () => ({ template: '', category: 'marketing' }),
    Form: SendSmsForm,
  },
  'send.whatsapp': {
    type: 'send.whatsapp',
    label: 'WhatsApp',
    group: 'message',
    icon: 'whatsapp',
    description: 'Sends a WhatsApp message: free-form in the 24 h window, else an approved template.',
    idPrefix: 'whatsapp',
    create: () => ({ category: 'marketing' }),
    Form: SendWhatsappForm,
  },
  'action.coupon': {
    type: 'action.coupon',
    label: 'Coupon',
    group: 'action',
    icon: 'tag',
    description: 'Creates a unique coupon the next messages can show.',
    idPrefix: 'coupon',
    create: () => ({ kind: 'percent', value: 10, expiresIn: '14d', prefix: '' }),
    Form: ActionCouponForm,
  },
  'action.update_profile': {
    type: 'action.update_profile',
    label: 'Update profile',
    group: 'action',
    icon: 'user',
    description: 'Sets an attribute, adds or removes tags, awards loyalty points.',
    idPrefix: 'profile',
    create: () => ({}),
    Form: ActionUpdateProfileForm,
  },
  'action.webhook': {
    type: 'action.webhook',
    label: 'Webhook',
    group: 'action',
    icon: 'webhook',
    description: 'Calls another system with a signed JSON body.',
    idPrefix: 'webhook',
    create: () => ({ url: '' }),
    Form: ActionWebhookForm,
  },
  exit: {
    type: 'exit',
    label: 'Exit',
    group: 'end',
    icon: 'stop',
    description: 'Ends the journey for the customer.',
    idPrefix: 'exit',
    create: () => ({}),
    Form: ExitForm,
  },
};

export const NODE_GROUPS: ReadonlyArray<{ group: NodeGroup; label: string }> = [
  { group: 'trigger', label: 'Triggers' },
  { group: 'wait', label: 'Waits' },
  { group: 'branch', label: 'Branches' },
  { group: 'message', label: 'Messages' },
  { group: 'action', label: 'Actions' },
  { group: 'end', label: 'End' },
];

export const NODE_TYPES = Object.keys(nodeRegistry) as JourneyNodeType[];

export function kindOf(type: string): NodeKind<JourneyNodeType> | undefined {
  return (nodeRegistry as Record<string, NodeKind<JourneyNodeType>>)[type];
}

export function createNodeData<T extends JourneyNodeType>(type: T): NodeDataOf<T> {
  return nodeRegistry[type].create() as NodeDataOf<T>;
}

export function idPrefixOf(type: string): string {
  return kindOf(type)?.idPrefix ?? 'step';
}

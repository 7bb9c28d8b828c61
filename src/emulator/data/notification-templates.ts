// notificationMessageTemplates: the e-mails a noncompliant device's user receives, each in
// several languages (localizedNotificationMessages, ids "<template id>_<locale>").
import type { EntityRecord } from '../graph/model/entity.ts';
import type { SeededRandom } from '../rng.ts';
import { DEFAULT_SCOPE_TAGS, attachCollection, record } from './records.ts';
import { DAY, YEAR, iso } from './time.ts';

interface TemplateSpec {
  readonly name: string;
  readonly messages: Readonly<Record<string, readonly [subject: string, body: string]>>;
}

const TEMPLATES: readonly TemplateSpec[] = [
  { name: 'Noncompliance - First notice', messages: {
    'en-us': ['Action needed: your device does not meet {org} security requirements', 'Your device is not compliant with company policy. Open Company Portal, select the device and follow "Check status" to fix it. Access to company email and files will be blocked if the issue is not resolved.'],
    'de-de': ['Handlungsbedarf: Ihr Gerät erfüllt die Sicherheitsanforderungen von {org} nicht', 'Ihr Gerät entspricht nicht den Unternehmensrichtlinien. Öffnen Sie das Unternehmensportal, wählen Sie das Gerät aus und folgen Sie „Status überprüfen“.'],
    'fr-fr': ['Action requise : votre appareil ne respecte pas les exigences de sécurité de {org}', 'Votre appareil n’est pas conforme. Ouvrez le Portail d’entreprise, sélectionnez l’appareil et suivez « Vérifier l’état ».'],
  } },
  { name: 'Noncompliance - Final warning before block', messages: {
    'en-us': ['Final reminder: access from your device will be blocked tomorrow', 'Your device is still not compliant. Tomorrow it loses access to company email, Teams and files. Contact the IT Help Desk if you need help.'],
    'de-de': ['Letzte Erinnerung: Der Zugriff von Ihrem Gerät wird morgen gesperrt', 'Ihr Gerät ist weiterhin nicht konform. Ab morgen ist der Zugriff auf E-Mail, Teams und Dateien gesperrt.'],
  } },
  { name: 'Noncompliance - Retirement notice', messages: {
    'en-us': ['Your device will be removed from {org} management', 'Your device has not met company requirements for 90 days and will be retired: company apps and data will be removed. Personal data is not affected.'],
  } },
];

export function generateNotificationTemplates(org: string, rng: SeededRandom, anchor: number): EntityRecord[] {
  return TEMPLATES.map((spec) => {
    const id = rng.guid();
    const modified = anchor - 30 * DAY - rng.next() * YEAR;
    const template = record('notificationMessageTemplate', {
      id,
      displayName: spec.name,
      defaultLocale: 'en-US',
      brandingOptions: 'includeCompanyLogo,includeCompanyName,includeContactInformation,includeCompanyPortalLink',
      lastModifiedDateTime: iso(modified),
      roleScopeTagIds: DEFAULT_SCOPE_TAGS,
    });
    attachCollection(template, 'localizedNotificationMessages', Object.entries(spec.messages).map(([locale, [subject, body]]) => record('localizedNotificationMessage', {
      id: `${id}_${locale}`,
      locale,
      subject: subject.replaceAll('{org}', org),
      messageTemplate: body.replaceAll('{org}', org),
      isDefault: locale === 'en-us',
      lastModifiedDateTime: iso(modified),
    })));
    return template;
  });
}

// Permission-map rows the demo tenant does not serve, with the reason. The matrix checks that
// each answers 400, 404 or 405 in both versions, so nothing working can hide in this list.
// Grouped by reason; the map (Microsoft's Graph Explorer extract) lists paths from every
// workload and era, not only what the Intune CSDL defines.

/** The schema extract (intune-schema.json) holds Intune's entity types, not their report and status types. */
const STATUS_TYPE_NOT_IN_SCHEMA = 'a single entity or a new item of a status/report type intune-schema.json does not hold';
/** The extract's beta types are the 2022 CSDL; newer beta additions have no type (or "unknown") to check against. */
const BETA_TYPE_NOT_IN_SCHEMA = 'a beta type intune-schema.json does not hold (2022 beta CSDL)';
const NOT_IN_EITHER_CSDL = 'intune-schema.json binds no such segment to this type or a derived one, in either version';
const CLOUD_PC = 'a Windows 365 Cloud PC operation (CloudPC.* scopes), outside Intune';
const REMOVED = 'telecomExpenseManagementPartners was removed from Graph (FACTS §1)';
const REFERENCE_ONLY = "a non-contained navigation: Graph links existing entities through …/$ref, the demo does not create them here";

export const NOT_EMULATED: Readonly<Record<string, string>> = {
  'POST /deviceappmanagement/mobileappconfigurations/{id}/devicestatuses': STATUS_TYPE_NOT_IN_SCHEMA,
  'GET /deviceappmanagement/mobileappconfigurations/{id}/devicestatussummary': STATUS_TYPE_NOT_IN_SCHEMA,
  'PATCH /deviceappmanagement/mobileappconfigurations/{id}/devicestatussummary': STATUS_TYPE_NOT_IN_SCHEMA,
  'POST /deviceappmanagement/mobileappconfigurations/{id}/userstatuses': STATUS_TYPE_NOT_IN_SCHEMA,
  'GET /deviceappmanagement/mobileappconfigurations/{id}/userstatussummary': STATUS_TYPE_NOT_IN_SCHEMA,
  'PATCH /deviceappmanagement/mobileappconfigurations/{id}/userstatussummary': STATUS_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/devicecompliancepolicies/{id}/devicesettingstatesummaries': STATUS_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/devicecompliancepolicies/{id}/devicestatuses': STATUS_TYPE_NOT_IN_SCHEMA,
  'GET /devicemanagement/devicecompliancepolicies/{id}/devicestatusoverview': STATUS_TYPE_NOT_IN_SCHEMA,
  'PATCH /devicemanagement/devicecompliancepolicies/{id}/devicestatusoverview': STATUS_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/devicecompliancepolicies/{id}/userstatuses': STATUS_TYPE_NOT_IN_SCHEMA,
  'GET /devicemanagement/devicecompliancepolicies/{id}/userstatusoverview': STATUS_TYPE_NOT_IN_SCHEMA,
  'PATCH /devicemanagement/devicecompliancepolicies/{id}/userstatusoverview': STATUS_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/deviceconfigurations/{id}/devicesettingstatesummaries': STATUS_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/deviceconfigurations/{id}/devicestatuses': STATUS_TYPE_NOT_IN_SCHEMA,
  'GET /devicemanagement/deviceconfigurations/{id}/devicestatusoverview': STATUS_TYPE_NOT_IN_SCHEMA,
  'PATCH /devicemanagement/deviceconfigurations/{id}/devicestatusoverview': STATUS_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/deviceconfigurations/{id}/userstatuses': STATUS_TYPE_NOT_IN_SCHEMA,
  'GET /devicemanagement/deviceconfigurations/{id}/userstatusoverview': STATUS_TYPE_NOT_IN_SCHEMA,
  'PATCH /devicemanagement/deviceconfigurations/{id}/userstatusoverview': STATUS_TYPE_NOT_IN_SCHEMA,

  'POST /deviceappmanagement/mobileapps/{id}/relationships': BETA_TYPE_NOT_IN_SCHEMA,
  'GET /deviceappmanagement/targetedmanagedappconfigurations/{id}/settings': BETA_TYPE_NOT_IN_SCHEMA,
  'POST /deviceappmanagement/targetedmanagedappconfigurations/{id}/settings': BETA_TYPE_NOT_IN_SCHEMA,
  'GET /devicemanagement/deponboardingsettings/{id}/defaultiosenrollmentprofile': BETA_TYPE_NOT_IN_SCHEMA,
  'PATCH /devicemanagement/deponboardingsettings/{id}/defaultiosenrollmentprofile': BETA_TYPE_NOT_IN_SCHEMA,
  'DELETE /devicemanagement/deponboardingsettings/{id}/defaultiosenrollmentprofile': BETA_TYPE_NOT_IN_SCHEMA,
  'GET /devicemanagement/deponboardingsettings/{id}/defaultmacosenrollmentprofile': BETA_TYPE_NOT_IN_SCHEMA,
  'PATCH /devicemanagement/deponboardingsettings/{id}/defaultmacosenrollmentprofile': BETA_TYPE_NOT_IN_SCHEMA,
  'DELETE /devicemanagement/deponboardingsettings/{id}/defaultmacosenrollmentprofile': BETA_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/deponboardingsettings/{id}/enrollmentprofiles': BETA_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/deponboardingsettings/{id}/importedappledeviceidentities': BETA_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/deviceconfigurations/{id}/groupassignments': BETA_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/intunebrandingprofiles/{id}/assignments': BETA_TYPE_NOT_IN_SCHEMA,
  'POST /devicemanagement/termsandconditions/{id}/groupassignments': BETA_TYPE_NOT_IN_SCHEMA,

  'GET /deviceappmanagement/mobileapps/{id}/devicestatuses': NOT_IN_EITHER_CSDL,
  'POST /deviceappmanagement/mobileapps/{id}/devicestatuses': NOT_IN_EITHER_CSDL,
  'GET /deviceappmanagement/mobileapps/{id}/installsummary': NOT_IN_EITHER_CSDL,
  'PATCH /deviceappmanagement/mobileapps/{id}/installsummary': NOT_IN_EITHER_CSDL,
  'GET /deviceappmanagement/mobileapps/{id}/userstatuses': NOT_IN_EITHER_CSDL,
  'POST /deviceappmanagement/mobileapps/{id}/userstatuses': NOT_IN_EITHER_CSDL,
  'POST /devicemanagement/devicecompliancepolicies/getnoncompliantdevicestoretire': NOT_IN_EITHER_CSDL,
  'POST /devicemanagement/deviceconfigurations/{id}/extendfeatureupdatespause': NOT_IN_EITHER_CSDL,
  'POST /devicemanagement/deviceconfigurations/{id}/extendqualityupdatespause': NOT_IN_EITHER_CSDL,
  'GET /devicemanagement/deviceconfigurations/{id}/identitycertificate': NOT_IN_EITHER_CSDL,
  'GET /devicemanagement/deviceconfigurations/{id}/rootcertificate': NOT_IN_EITHER_CSDL,
  'PATCH /devicemanagement/deviceconfigurations/{id}/rootcertificate': NOT_IN_EITHER_CSDL,
  'DELETE /devicemanagement/deviceconfigurations/{id}/rootcertificate': NOT_IN_EITHER_CSDL,
  'POST /devicemanagement/manageddevices/{id}/enrollnowaction': NOT_IN_EITHER_CSDL,
  'GET /devicemanagement/manageddevices/{id}/getsyncstatus': NOT_IN_EITHER_CSDL,
  'POST /devicemanagement/manageddevices/{id}/initiatemobiledevicemanagementkeyrecovery': NOT_IN_EITHER_CSDL,
  'POST /devicemanagement/manageddevices/{id}/initiateondemandproactiveremediation': NOT_IN_EITHER_CSDL,
  'POST /devicemanagement/manageddevices/{id}/rotatelocaladminpassword': NOT_IN_EITHER_CSDL,

  'POST /devicemanagement/manageddevices/bulkreprovisioncloudpc': CLOUD_PC,
  'POST /devicemanagement/manageddevices/bulkrestorecloudpc': CLOUD_PC,
  'POST /devicemanagement/manageddevices/bulksetcloudpcreviewstatus': CLOUD_PC,
  'GET /devicemanagement/manageddevices/{id}/getcloudpcremoteactionresults': CLOUD_PC,
  'GET /devicemanagement/manageddevices/{id}/getcloudpcreviewstatus': CLOUD_PC,
  'POST /devicemanagement/manageddevices/{id}/setcloudpcreviewstatus': CLOUD_PC,

  'GET /devicemanagement/telecomexpensemanagementpartners': REMOVED,
  'POST /devicemanagement/telecomexpensemanagementpartners': REMOVED,
  'GET /devicemanagement/telecomexpensemanagementpartners/{id}': REMOVED,
  'PATCH /devicemanagement/telecomexpensemanagementpartners/{id}': REMOVED,
  'DELETE /devicemanagement/telecomexpensemanagementpartners/{id}': REMOVED,

  'POST /deviceappmanagement/mobileapps/{id}/categories': REFERENCE_ONLY,
  'POST /devicemanagement/detectedapps/{id}/manageddevices': REFERENCE_ONLY,
};

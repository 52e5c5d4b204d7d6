// Microsoft Graph application permissions for a managed identity: app role assignments on its
// service principal (a managed identity has no app registration to consent on). Deployed through
// the Microsoft Graph Bicep extension (infra/bicepconfig.json); the deploying user must be a
// Privileged Role Administrator or Global Administrator.
extension microsoftGraphV1

@description('Object id of the identity\'s service principal (the managed identity\'s principalId).')
param principalId string

@description('Values of the Graph application permissions to grant, e.g. Chat.Create.')
param appRoles string[]

// Microsoft Graph's own service principal, found by its well-known app id.
resource microsoftGraph 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: '00000003-0000-0000-c000-000000000000'
}

resource grants 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [
  for role in appRoles: {
    principalId: principalId
    resourceId: microsoftGraph.id
    appRoleId: filter(microsoftGraph.appRoles, appRole => appRole.value == role)[0].id
  }
]

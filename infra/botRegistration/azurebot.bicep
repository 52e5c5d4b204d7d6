// The Azure Bot resource for a bot signed in with a user-assigned managed identity, and its
// Microsoft Teams channel (the Toolkit templates' botRegistration/azurebot.bicep).

@maxLength(20)
@minLength(4)
@description('Used to name the bot resource.')
param resourceBaseName string

@maxLength(42)
param botDisplayName string

@description('Host name the bot answers on; Teams posts to https://<host>/api/messages.')
param botAppDomain string

param identityResourceId string
param identityClientId string
param identityTenantId string

param botServiceName string = resourceBaseName
param botServiceSku string = 'F0'

resource botService 'Microsoft.BotService/botServices@2021-03-01' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
  }
  sku: {
    name: botServiceSku
  }
}

resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2021-03-01' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

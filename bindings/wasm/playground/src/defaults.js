// What the playground shows before anything is edited or shared.
export const DEFAULT_YAML = `# Kubernetes objects to check: several documents, separated by ---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      hostNetwork: true
      containers:
      - name: web
        image: nginx:latest
        securityContext:
          privileged: true
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - port: 80
`

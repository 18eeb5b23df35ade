package io.camelzendesk.component.realtime;

import java.util.function.Consumer;

import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Option {@code reconcileNamespace}: the export behind the webhook runs only on the node leading the namespace in
 * the context's Camel cluster service (the one {@code master:} uses: file lock, JDBC, Kubernetes, ...), while every
 * node receives webhooks. Tells the consumer when this node gains or loses the lead.
 */
final class ReconcileLeadership implements CamelClusterEventListener.Leadership {

    private final CamelClusterService service;
    private final CamelClusterView view;
    private final Consumer<Boolean> onChange;
    private boolean leading;

    private ReconcileLeadership(CamelClusterService service, CamelClusterView view, Consumer<Boolean> onChange) {
        this.service = service;
        this.view = view;
        this.onChange = onChange;
    }

    static ReconcileLeadership follow(CamelContext context, String namespace, Consumer<Boolean> onChange)
            throws Exception {
        CamelClusterService service = ClusterServiceHelper.lookupService(context).orElseThrow(
                () -> new IllegalStateException("Option reconcileNamespace '" + namespace + "' needs a Camel cluster"
                                                + " service in the context (the one master: uses: file lock, JDBC,"
                                                + " Kubernetes, ...): none is there"));
        CamelClusterView view = service.getView(namespace);
        ReconcileLeadership leadership = new ReconcileLeadership(service, view, onChange);
        view.addEventListener(leadership);
        ServiceHelper.startService(view);
        leadership.leadershipChanged(view, view.getLeader().orElse(null));
        return leadership;
    }

    @Override
    public synchronized void leadershipChanged(CamelClusterView changed, CamelClusterMember leader) {
        boolean local = leader != null && leader.isLocal();
        if (local != leading) {
            leading = local;
            onChange.accept(local);
        }
    }

    synchronized boolean leading() {
        return leading;
    }

    void close() throws Exception {
        view.removeEventListener(this);
        service.releaseView(view);
    }
}

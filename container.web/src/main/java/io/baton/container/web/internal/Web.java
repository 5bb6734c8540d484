package io.baton.container.web.internal;

/** Where Baton's web parts live on the servlet whiteboard, and the framework property that names the token. */
public final class Web {
    /** Name of Baton's servlet context; every Baton servlet and resource selects it. */
    public static final String CONTEXT_NAME = "baton";
    /** Path of Baton's servlet context: the dashboard is {@code /baton/}, the API {@code /baton/api/}. */
    public static final String CONTEXT_PATH = "/baton";
    /** Whiteboard property value that puts a servlet or resource into Baton's context. */
    public static final String SELECT = "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";
    /**
     * Framework property: the file whose first line is the token that opens the dashboard, the API and
     * the metrics ({@code baton.jar run} sets it to {@code <home>/ctl.token}, the control channel's token).
     * Unset, every request is refused.
     */
    public static final String TOKEN_FILE_PROPERTY = "baton.token.file";

    private Web() {}
}

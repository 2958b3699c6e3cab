package app.fanloop.device;

import org.jboss.resteasy.reactive.RestForm;

/** A device model staff add to a board's list. */
public record DeviceModelForm(@RestForm String board, @RestForm String name) {

    public static DeviceModelForm empty() {
        return new DeviceModelForm("", "");
    }
}

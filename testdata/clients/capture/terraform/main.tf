# A resource whose provisioner runs the golangsdk capture program (../golangsdk), so that
# Terraform prints the client library's error in its own diagnostic box, as it would a
# provider's. terraform_data is built into Terraform: no provider is downloaded.
variable "kase" {
  type = string
}

resource "terraform_data" "bms" {
  provisioner "local-exec" {
    command = "./golangsdk-capture ${var.kase}"
  }
}
